TRELLIS_SEARCH.shard("د",{"terms":"دارند\nدانشاموزان\nدیدار","docs":["0","0","0"],"titles":["","",""]});

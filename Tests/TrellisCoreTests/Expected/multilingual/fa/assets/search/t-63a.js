TRELLIS_SEARCH.shard("غ",{"terms":"غلبه","docs":["0"],"titles":[""]});

TRELLIS_SEARCH.shard("پ",{"terms":"پیدا","docs":["0"],"titles":[""]});

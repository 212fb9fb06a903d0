TRELLIS_SEARCH.shard("ر",{"terms":"را","docs":["0"],"titles":[""]});

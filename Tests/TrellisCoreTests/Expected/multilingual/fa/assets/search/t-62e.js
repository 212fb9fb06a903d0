TRELLIS_SEARCH.shard("خ",{"terms":"خود","docs":["0"],"titles":[""]});

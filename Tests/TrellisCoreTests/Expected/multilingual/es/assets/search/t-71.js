TRELLIS_SEARCH.shard("q",{"terms":"que\nquien","docs":["0","2"],"titles":["",""]});

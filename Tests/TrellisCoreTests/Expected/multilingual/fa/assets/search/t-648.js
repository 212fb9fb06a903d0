TRELLIS_SEARCH.shard("و",{"terms":"و","docs":["0"],"titles":[""]});

TRELLIS_SEARCH.shard("ش",{"terms":"شرح","docs":["0"],"titles":[""]});

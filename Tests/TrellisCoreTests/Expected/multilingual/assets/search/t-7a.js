TRELLIS_SEARCH.shard("z",{"terms":"zones","docs":["3"],"titles":[""]});

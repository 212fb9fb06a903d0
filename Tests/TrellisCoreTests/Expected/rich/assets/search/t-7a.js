TRELLIS_SEARCH.shard("z",{"terms":"zones","docs":["2"],"titles":[""]});

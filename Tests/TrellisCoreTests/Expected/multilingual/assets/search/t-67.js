TRELLIS_SEARCH.shard("g",{"terms":"going","docs":["2"],"titles":[""]});

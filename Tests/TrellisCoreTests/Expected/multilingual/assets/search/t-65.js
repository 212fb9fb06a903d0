TRELLIS_SEARCH.shard("e",{"terms":"escuela\nexample\nexchange","docs":["2","3","3"],"titles":["","","3"]});

TRELLIS_SEARCH.shard("e",{"terms":"educational\nentry\nexample\nexchange","docs":["0","3","B","6111"],"titles":["","","","7"]});

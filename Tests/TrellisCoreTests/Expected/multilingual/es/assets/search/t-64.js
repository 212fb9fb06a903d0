TRELLIS_SEARCH.shard("d",{"terms":"de\ndescripcion\ndocentes","docs":["0","2","02"],"titles":["","",""]});

TRELLIS_SEARCH.shard("s",{"terms":"se\nsemana\nsemanal\nsuperaron\nsus","docs":["2","2","2","2","2"],"titles":["","","","",""]});

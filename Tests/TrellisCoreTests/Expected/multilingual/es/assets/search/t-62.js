TRELLIS_SEARCH.shard("b",{"terms":"beneficios\nbuscar","docs":["2","2"],"titles":["",""]});

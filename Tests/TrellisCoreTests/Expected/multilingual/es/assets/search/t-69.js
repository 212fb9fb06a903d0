TRELLIS_SEARCH.shard("i",{"terms":"idioma\nimplementacion\ninstrucciones\nintercambio","docs":["2","2","1","2"],"titles":["","","","2"]});

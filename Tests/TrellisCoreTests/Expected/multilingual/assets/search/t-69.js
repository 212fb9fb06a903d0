TRELLIS_SEARCH.shard("i",{"terms":"implementation\nin\ninstructions\ninvolved\nis\nit","docs":["21","031","1","21","21","2"],"titles":["","","","","",""]});

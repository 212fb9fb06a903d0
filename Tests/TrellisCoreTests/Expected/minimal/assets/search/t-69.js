TRELLIS_SEARCH.shard("i",{"terms":"implementation\nin\ninstructions\nintroduction\ninvolved\nis","docs":["3","2","11","0","3","31"],"titles":["","","","0","",""]});

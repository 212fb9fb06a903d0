TRELLIS_SEARCH.shard("c",{"terms":"clase\nclases\ncollege\ncomo\ncompanero\ncon\nconoce\ncorto","docs":["2","2","2","2","0","011","1","0"],"titles":["","","","","","","1",""]});

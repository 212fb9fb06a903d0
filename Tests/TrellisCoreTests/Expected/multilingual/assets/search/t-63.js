TRELLIS_SEARCH.shard("c",{"terms":"challenges\nclass\nclasses\ncollege","docs":["21","3","21","3"],"titles":["","","",""]});

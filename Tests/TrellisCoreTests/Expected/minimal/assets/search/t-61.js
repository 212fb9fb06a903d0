TRELLIS_SEARCH.shard("a",{"terms":"a\nabout\nage\nagree\nand\naspect","docs":["01111","13","2","3","03","2"],"titles":["3","4","","","",""]});

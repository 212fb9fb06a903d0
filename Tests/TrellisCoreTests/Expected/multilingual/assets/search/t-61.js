TRELLIS_SEARCH.shard("a",{"terms":"a\nabout\nagree\nand\nask","docs":["021","4","3","111","1"],"titles":["","4","","",""]});

TRELLIS_SEARCH.shard("e",{"terms":"el\nempieza\nen\nencuentran\nencuentro\nexample","docs":["02","0","0","2","0","2"],"titles":["","","","","",""]});

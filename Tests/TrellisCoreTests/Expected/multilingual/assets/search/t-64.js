TRELLIS_SEARCH.shard("d",{"terms":"description\ndiary\ndocument","docs":["21","2","2"],"titles":["","2",""]});

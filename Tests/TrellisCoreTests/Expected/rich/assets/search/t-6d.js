TRELLIS_SEARCH.shard("m",{"terms":"mailto\nmentor\nmentored\nmentoring\nminute\nmodule\nmotivated","docs":["B","2","0","0","1","13","6111"],"titles":["","2","","0","","4",""]});

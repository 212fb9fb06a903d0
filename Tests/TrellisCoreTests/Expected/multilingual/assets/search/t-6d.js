TRELLIS_SEARCH.shard("m",{"terms":"meet\nmeeting\nmentor\nmentoring\nmet\nmodule\nmorning","docs":["12","0","01","0","3","0","3"],"titles":["1","","1","0","","",""]});

TRELLIS_SEARCH.shard("h",{"terms":"hazle\nherramientas\nhora\nhorarios\nhusos","docs":["1","0","2","2","2"],"titles":["","","","",""]});

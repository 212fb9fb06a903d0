TRELLIS_SEARCH.shard("l",{"terms":"language\nlanguages\nlearners","docs":["3","4","3"],"titles":["","",""]});

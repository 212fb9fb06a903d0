TRELLIS_SEARCH.shard("f",{"terms":"find\nfinland\nfinnish\nfirst\nfixture\nfor\nforum","docs":["6111","8","8","0","A","06111","1"],"titles":["","","8","","","",""]});

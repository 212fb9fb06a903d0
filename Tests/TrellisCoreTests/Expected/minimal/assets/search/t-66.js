TRELLIS_SEARCH.shard("f",{"terms":"find\nfinland\nfirst\nfixture\nforeign\nfrom","docs":["3","3","4","4","3","3"],"titles":["","","","","",""]});

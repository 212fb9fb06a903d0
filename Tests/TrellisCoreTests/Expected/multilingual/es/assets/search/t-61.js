TRELLIS_SEARCH.shard("a",{"terms":"a\nacompanan\nacordar\nalumnado\nasociada\nasociadas","docs":["011","0","2","2","2","2"],"titles":["1","","","","",""]});

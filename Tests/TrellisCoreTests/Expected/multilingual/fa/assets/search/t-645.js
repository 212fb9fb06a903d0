TRELLIS_SEARCH.shard("م",{"terms":"مزایا\nمشارکت\nمعلمان\nمیکنند","docs":["0","0","0","0"],"titles":["","","",""]});

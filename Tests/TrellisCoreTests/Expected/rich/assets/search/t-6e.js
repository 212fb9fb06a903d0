TRELLIS_SEARCH.shard("n",{"terms":"netherlands\nnetwork\nno","docs":["72","8","4"],"titles":["","8",""]});

TRELLIS_SEARCH.shard("س",{"terms":"ساعت\nسر","docs":["0","0"],"titles":["",""]});

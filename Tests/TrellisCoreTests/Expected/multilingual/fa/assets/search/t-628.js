TRELLIS_SEARCH.shard("ب",{"terms":"با\nبار\nبر\nبهصورت","docs":["0","0","0","0"],"titles":["","","",""]});

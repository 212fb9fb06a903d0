TRELLIS_SEARCH.shard("u",{"terms":"uberblick\nuse","docs":["6","0"],"titles":["",""]});

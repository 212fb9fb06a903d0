TRELLIS_SEARCH.shard("e",{"terms":"each\nends\nevery\nexample\nexchange","docs":["01","0","3","3","3"],"titles":["1","","","",""]});

TRELLIS_SEARCH.shard("m",{"terms":"meet\nmeeting\nmodule","docs":["12","0","0"],"titles":["1","","0"]});

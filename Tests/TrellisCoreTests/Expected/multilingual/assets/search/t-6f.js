TRELLIS_SEARCH.shard("o",{"terms":"on\nonce\none\nonline\nopen\novercome\noverview","docs":["3","3","22","2","2","21","0"],"titles":["","","","","","",""]});

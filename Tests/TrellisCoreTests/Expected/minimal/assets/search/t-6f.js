TRELLIS_SEARCH.shard("o",{"terms":"on\nonline\nor\nother\novercome\noverview","docs":["12","3","4","01","3","0"],"titles":["","","","1","",""]});

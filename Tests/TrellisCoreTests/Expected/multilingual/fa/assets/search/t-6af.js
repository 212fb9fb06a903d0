TRELLIS_SEARCH.shard("گ",{"terms":"گامبهگام","docs":["0"],"titles":[""]});

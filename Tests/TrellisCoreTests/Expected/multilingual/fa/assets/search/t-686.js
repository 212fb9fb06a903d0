TRELLIS_SEARCH.shard("چ",{"terms":"چالشها\nچه\nچگونگی","docs":["0","0","0"],"titles":["","",""]});

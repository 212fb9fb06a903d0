TRELLIS_SEARCH.shard("2",{"terms":"2\n2023","docs":["3","9"],"titles":["",""]});

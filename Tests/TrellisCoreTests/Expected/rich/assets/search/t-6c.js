TRELLIS_SEARCH.shard("l",{"terms":"language\nlast\nlearning\nlesson\nlogo","docs":["6111","0","6111","5","9"],"titles":["","","","",""]});

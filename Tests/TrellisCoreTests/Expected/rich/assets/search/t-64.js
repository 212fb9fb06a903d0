TRELLIS_SEARCH.shard("d",{"terms":"description\ndiary\ndifferent\ndistance\ndutch","docs":["6111","03","6111","0","7"],"titles":["","3","","0","7"]});

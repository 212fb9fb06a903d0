TRELLIS_SEARCH.shard("c",{"terms":"calendar\nchallenges\nchat\nclass\ncollege\ncolleges\ncompare\ncomparison","docs":["3","3","3","0","3","3","02","0"],"titles":["","","","","","","2",""]});

TRELLIS_SEARCH.shard("p",{"terms":"pares\nparticipa\npaso\npor\npractica\npreguntas\npresentacion\nprimer","docs":["2","2","2","11","2","1","0","0"],"titles":["","","","2","","","",""]});

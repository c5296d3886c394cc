						
interface				
in 	ts
		
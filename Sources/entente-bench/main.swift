print("entente-bench")

"""What the préfecture publishes: the « affiche Transparence » and the open-data results file."""

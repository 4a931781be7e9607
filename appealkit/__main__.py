from appealkit.cli import main

main()

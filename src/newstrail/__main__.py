from newstrail.cli import main

main()

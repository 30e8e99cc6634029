import TextmillCLI

TextmillMain.main()

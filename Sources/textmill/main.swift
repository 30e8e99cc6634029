import TextmillCLI

await TextmillMain.main()

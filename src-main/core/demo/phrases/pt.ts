/**
 * European Portuguese phrase bank. Customers never write "obrigado/obrigada"
 * (gendered); they use "agradeço", as many Portuguese writers do in email.
 */
import { decimalAmount, pad2, type LanguagePack } from '../language-pack.ts';

const WEEKDAYS = ['dom.', 'seg.', 'ter.', 'qua.', 'qui.', 'sex.', 'sáb.'];
const MONTHS = ['jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'];

export const PT: LanguagePack = {
  code: 'pt',
  replyPrefixes: ['RE:'],
  customerGreetings: ['Olá,', 'Bom dia,', 'Boa tarde,', 'Exmos. Senhores,'],
  customerSignoffs: ['Cumprimentos,', 'Melhores cumprimentos,', 'Atenciosamente,'],
  mobileFooters: ['Enviado do meu iPhone', 'Enviado do meu telemóvel'],
  agentGreetings: ['Olá {name},', 'Bom dia {name},'],
  agentSignoffs: ['Com os melhores cumprimentos,', 'Até breve,'],
  supportTitle: 'Apoio ao Cliente',
  topics: {
    'order-status': {
      subjects: ['Onde está a minha encomenda {order}?', 'Estado da encomenda {order}'],
      openings: [
        'Fiz uma encomenda do artigo «{product}» há uma semana (n.º {order}) e ainda não recebi a confirmação de envio. Podem dizer-me o que se passa?',
        'A minha encomenda {order} está com o estado «em processamento» há cinco dias. Há algum problema? Gostava de a receber antes do fim de semana.',
      ],
      agentReplies: [
        'Agradecemos a sua mensagem. Confirmei com o armazém: o artigo «{product}» foi embalado esta manhã e sai hoje com a recolha. Vai receber um e-mail com o número de seguimento ({tracking}) assim que a transportadora registar a encomenda.\n\nPedimos desculpa pela espera; depois dos saldos tivemos algum atraso.',
        'Agradecemos a paciência! A encomenda {order} foi enviada ontem pela ParcelFox. Pode acompanhá-la aqui: {trackingUrl}\n\nA entrega demora normalmente 2 a 4 dias úteis.',
      ],
    },
    refund: {
      subjects: ['Reembolso da encomenda {order}', 'Ainda aguardo o reembolso'],
      openings: [
        'Devolvi o artigo «{product}» da encomenda {order} há duas semanas e o seguimento indica que o receberam na segunda-feira, mas ainda não recebi o reembolso de {amount}. Quanto tempo costuma demorar?',
        'Gostaria de pedir o reembolso da encomenda {order}. O artigo «{product}» não me serve; não foi usado e ainda tem as etiquetas. Como devo proceder?',
      ],
      agentReplies: [
        'Lamentamos a demora no reembolso. A devolução da encomenda {order} chegou ao armazém e foi verificada, por isso acabei de processar o reembolso de {amount} para o método de pagamento original. Consoante o banco, pode demorar 3 a 5 dias úteis.',
        'Com certeza. Os artigos não usados podem ser devolvidos no prazo de 30 dias. Enviei-lhe por e-mail uma etiqueta de devolução pré-paga. Assim que a devolução for verificada, reembolsamos {amount}.',
      ],
    },
    'shipping-delay': {
      subjects: ['Encomenda parada em trânsito', 'Entrega atrasada, encomenda {order}'],
      openings: [
        'O seguimento da minha encomenda ({tracking}) não se altera desde terça-feira passada, diz apenas «em trânsito». Preciso do artigo «{product}» para uma caminhada este fim de semana. Podem fazer alguma coisa?',
        'A encomenda {order} devia ter chegado na sexta-feira e ainda não chegou. No site da transportadora diz apenas «atrasada». Podem verificar o que se passa?',
      ],
      agentReplies: [
        'Lamentamos muito o atraso. Abri um pedido de investigação junto da ParcelFox para a encomenda {tracking}; costumam responder em 24 horas. Se a encomenda não avançar até lá, envio outra por correio expresso, sem custos.',
        'Agradecemos o aviso. A ParcelFox confirma um atraso no centro regional devido às tempestades desta semana. A encomenda deverá ser entregue nos próximos dois dias úteis.',
      ],
    },
    'damaged-item': {
      subjects: ['Artigo chegou danificado', 'Encomenda danificada, {order}'],
      openings: [
        'A encomenda {order} chegou hoje, mas a caixa vinha completamente amassada de um lado e o artigo «{product}» está danificado. Envio uma fotografia em anexo. Quais são as opções? {photo}',
        'Infelizmente, o artigo «{product}» tem um rasgão no tecido, mesmo ao lado do fecho. Deve ter acontecido no transporte, porque a caixa também estava danificada. Prefiro uma troca a um reembolso.',
      ],
      agentReplies: [
        'Lamentamos imenso que o artigo tenha chegado nesse estado. Já tratei do envio de um artigo de substituição, que sai hoje com entrega prioritária. Não é necessário devolver o artigo danificado.',
        'Isto não devia ter acontecido, pedimos desculpa. Posso enviar já um novo artigo «{product}» ou reembolsar o valor total de {amount}. Diga-me o que prefere.',
      ],
    },
    login: {
      subjects: ['Não consigo entrar na conta', 'Não recebo o e-mail para redefinir a palavra-passe'],
      openings: [
        'Há dois dias que tento entrar na minha conta Northwind. Sempre que peço para redefinir a palavra-passe, não recebo nada, nem na pasta de spam. O meu e-mail é {email}.',
        'A aplicação diz sempre «credenciais inválidas», embora a palavra-passe esteja correta. Alterei-a na semana passada e agora não consigo entrar de todo.',
      ],
      agentReplies: [
        'Pedimos desculpa pelo incómodo. A sua conta ({email}) estava bloqueada temporariamente após várias tentativas falhadas; já a desbloqueei e enviei um novo link para redefinir a palavra-passe, válido durante 60 minutos.',
        'Agradecemos o aviso. Ontem à noite houve uma falha no serviço de início de sessão, que já está resolvida. Pode tentar novamente? Se continuar a falhar, indique-me o dispositivo e a versão da aplicação (Definições > Sobre).',
      ],
    },
    invoice: {
      subjects: ['Fatura da encomenda {order}', 'Fatura com NIF'],
      openings: [
        'Podem enviar-me a fatura da encomenda {order}? Preciso dela para as despesas e não encontro o link para a descarregar na minha conta.',
        'Precisamos de uma fatura da encomenda {order} com o nome da empresa e o NIF. O comprovativo do e-mail de confirmação não é aceite pela contabilidade.',
      ],
      agentReplies: [
        'Claro! Segue em anexo a fatura {invoice} da encomenda {order}. A partir de agora também pode descarregar as faturas em Conta > Encomendas > Fatura.',
        'Sem problema, a fatura corrigida {invoice} segue em anexo. Se a contabilidade precisar de mais algum dado, emito-a novamente.',
      ],
    },
    'feature-question': {
      subjects: ['Pergunta sobre o artigo «{product}»', 'Embrulho para oferta?'],
      openings: [
        'Antes de encomendar: o artigo «{product}» é impermeável ou apenas repelente à água? Vou fazer uma semana de caminhadas na Escócia em outubro.',
        'Têm embrulho para oferta? É possível juntar uma mensagem? Quero enviar o artigo «{product}» diretamente a uma amiga no dia de anos dela.',
      ],
      agentReplies: [
        'Boa pergunta! O artigo «{product}» é totalmente impermeável, com costuras seladas. A nossa equipa testou-o com verdadeiro tempo escocês.',
        'Sim! No pagamento, assinale «É uma oferta» e pode escrever uma mensagem até 300 caracteres. Embrulhamos em papel reciclado e não incluímos a fatura na encomenda.',
      ],
    },
    complaint: {
      subjects: ['Reclamação', 'Experiência muito má com a última encomenda'],
      openings: [
        'É a terceira vez que uma encomenda chega atrasada, e desta vez ninguém respondeu aos meus e-mails durante uma semana. Sou cliente há anos, mas estou a pensar mudar.',
        'A encomenda {order} foi cobrada duas vezes. Liguei duas vezes e prometeram-me uma chamada de volta que nunca aconteceu. Por favor, resolvam isto hoje.',
      ],
      agentReplies: [
        'Pedimos imensa desculpa. Tem toda a razão: devíamos ter respondido muito antes. Como pedido de desculpa, adicionei um crédito de {credit} à sua conta.',
        'Agradecemos o aviso e pedimos desculpa. Segundo a equipa de pagamentos, a segunda cobrança da encomenda {order} era uma pré-autorização e já foi libertada. Pode continuar visível no extrato durante alguns dias.',
      ],
    },
    praise: {
      subjects: ['Excelente serviço', 'Parabéns pelo atendimento'],
      openings: [
        'Só uma mensagem rápida para agradecer. O artigo «{product}» chegou um dia antes do previsto e é perfeito. Usei-o o fim de semana inteiro na serra.',
        'Quero agradecer à vossa colega que me ajudou na semana passada com uma troca. Rápida, simpática e sem complicações!',
      ],
      agentReplies: [
        'Agradecemos imenso a sua mensagem! Partilhei-a com toda a equipa – alegrou-nos o dia.',
        'Que mensagem tão simpática! Vou garantir que a minha colega a lê.',
      ],
    },
    'return-exchange': {
      subjects: ['Troca de tamanho', 'Devolução, encomenda {order}'],
      openings: [
        'O artigo «{product}» ficou-me um pouco pequeno. Posso trocá-lo por um tamanho acima? Encomenda {order}.',
        'Quero devolver o artigo «{product}» da encomenda {order}. Não foi usado e está na embalagem original. Como obtenho uma etiqueta de devolução?',
      ],
      agentReplies: [
        'Com certeza. Reservei o tamanho acima e segue em anexo uma etiqueta de devolução pré-paga para a encomenda {order}. Assim que a ParcelFox registar a devolução, enviamos o novo artigo.',
        'Sem problema, segue em anexo a etiqueta de devolução. Entregue a encomenda num ponto ParcelFox no prazo de 30 dias; o reembolso de {amount} é feito até 3 dias úteis após a receção.',
      ],
    },
  },
  customerFollowUps: {
    nudge: ['Há alguma novidade? Há uns dias que não tenho notícias.', 'Volto a escrever sobre o pedido abaixo. Alguém me pode responder, por favor?'],
    info: [
      'Claro, o número da encomenda é {order} e usei este e-mail ({email}) na compra.',
      'Agradeço a resposta rápida. Os dados: encomenda {order}, entregue na morada da minha conta.',
    ],
    thanks: ['Funcionou! Agradeço imenso a ajuda rápida.', 'Perfeito, já está tudo certo. Agradeço a ajuda!'],
    unhappy: [
      'Sinceramente, isto está a demorar demasiado. Espero uma solução até ao fim da semana.',
      'Isso não resolve o meu problema; já tentei duas vezes. Posso falar com outra pessoa?',
    ],
  },
  agentFollowUps: {
    progress: [
      'Agradecemos os dados! Passei o caso à equipa do armazém com pedido de prioridade. Dou notícias o mais tardar amanhã.',
      'Uma atualização rápida: ainda aguardo a resposta da transportadora. Não me esqueci do seu caso e escrevo assim que souber mais.',
    ],
    askInfo: ['Pode enviar-me o número da encomenda e o e-mail usado na compra? Assim verifico já.'],
    resolved: [
      'Boas notícias: do nosso lado está tudo resolvido. A alteração deve aparecer na sua conta dentro de algumas horas. Se precisar de mais alguma coisa, basta responder a este e-mail.',
      'Está feito! Vai receber um e-mail de confirmação em breve. Agradecemos novamente a paciência.',
    ],
  },
  quoteHeader: (d, who) =>
    `Em ${WEEKDAYS[d.weekday]}, ${d.day} de ${MONTHS[d.month]} de ${d.year}, às ${pad2(d.hour)}:${pad2(d.minute)}, ${who} escreveu:`,
  formatAmount: (cents) => `${decimalAmount(cents, ',')} €`,
};
